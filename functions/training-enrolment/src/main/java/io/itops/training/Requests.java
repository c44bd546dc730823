package io.itops.training;

import java.util.List;

/** Bodies of the training routes. Null means "not given"; the service's rules decide what is required. */
public final class Requests {
    private Requests() {}

    public record CourseInput(String code, String title, String description, Boolean mandatory, Integer validityMonths,
                              Audience audience) {}

    /**
     * {@code start}, {@code end} and {@code enrolmentClosesAt} are wall-clock times in {@code timeZone}
     * ({@code 2027-03-10T09:30}) or instants with an offset ({@code 2027-03-10T01:30:00Z}).
     */
    public record SessionInput(String start, String end, String timeZone, String place, String onlineLink,
                               String instructor, Integer capacity, String enrolmentClosesAt) {}

    /** Empty ({@code {}}) enrols the caller; staff may name someone else and that person's department. */
    public record EnrolRequest(String userId, String department) {}

    public record AttendanceRequest(List<String> attendees) {}

    public record CancelSessionRequest(String reason) {}
}
