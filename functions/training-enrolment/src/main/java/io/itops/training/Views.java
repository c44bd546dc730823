package io.itops.training;

import io.itops.training.Statuses.ComplianceStatus;
import io.itops.training.Statuses.EnrolmentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** Answers of the routes that combine records: attendance, my training, compliance. */
public final class Views {
    private Views() {}

    /** What attendance recorded: completions written now, and attendees already recorded before. */
    public record AttendanceReport(String sessionId, String courseId, List<Completion> completions, List<String> alreadyRecorded) {}

    /** The next session of a course still open for enrolment. */
    public record NextSession(String sessionId, Instant start, String timeZone, LocalDateTime localStart, String place,
                              String onlineLink, int seatsLeft, int waitlisted, Instant enrolmentClosesAt) {
        static NextSession of(Session s) {
            return new NextSession(s.sessionId(), s.start(), s.timeZone(), s.localStart(), s.place(), s.onlineLink(),
                    s.seatsLeft(), s.waitlisted(), s.enrolmentClosesAt());
        }
    }

    /** An upcoming session the person is already enrolled in. */
    public record Booked(String sessionId, EnrolmentStatus status, Integer waitlistPosition, Instant start, String timeZone) {}

    /** One mandatory course as it stands for one person. */
    /** {@code dueBy}: for a joiner, the date the course must first be completed by (null once done or when not assigned). */
    public record CourseStanding(String courseId, String code, String title, Integer validityMonths, ComplianceStatus status,
                                 LocalDate completedOn, LocalDate validUntil, Long daysLeft, LocalDate dueBy, Booked enrolment,
                                 NextSession nextSession) {}

    public record MyTraining(String userId, String department, LocalDate asOf, boolean compliant, List<CourseStanding> courses) {}

    public record CourseRef(String courseId, String code, String title, Integer validityMonths) {}

    public record CourseCount(String courseId, String code, int valid, int expiring, int expired, int neverDone) {}

    public record Gap(String courseId, String code, ComplianceStatus status, LocalDate validUntil) {}

    public record Person(String userId, List<Gap> gaps) {}

    /** A department's standing; {@code notCompliant} is listed when one department is asked for. */
    public record DepartmentCompliance(String department, int people, int compliant, int notCompliantCount,
                                       List<CourseCount> byCourse, List<Person> notCompliant) {}

    public record ComplianceReport(LocalDate asOf, List<CourseRef> mandatoryCourses, List<DepartmentCompliance> departments) {}
}
