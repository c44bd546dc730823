package io.itops.people;

import java.time.LocalDate;

/**
 * One person as an HR export or the user pool describes them. Upsert by {@code personId}: a field
 * left out keeps what the directory has (a new person starts active).
 */
record PersonInput(String personId, String name, String email, String department, String manager, String location,
                   PersonStatus status, LocalDate startDate, LocalDate leaveDate) {}
