package io.itops.people;

/** The filters of GET /people; null means any. */
record PeopleFilter(String department, PersonStatus status, String manager) {}
