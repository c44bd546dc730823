package io.itops.training;

import io.itops.shared.auth.Caller;
import io.itops.training.Statuses.ComplianceStatus;
import io.itops.training.Statuses.EnrolmentStatus;
import io.itops.training.TrainingStore.Trainee;
import io.itops.training.Views.Booked;
import io.itops.training.Views.ComplianceReport;
import io.itops.training.Views.CourseCount;
import io.itops.training.Views.CourseRef;
import io.itops.training.Views.CourseStanding;
import io.itops.training.Views.DepartmentCompliance;
import io.itops.training.Views.Gap;
import io.itops.training.Views.MyTraining;
import io.itops.training.Views.NextSession;
import io.itops.training.Views.Person;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mandatory-training compliance: where one person stands on each mandatory course of their
 * audience (valid, expiring, expired, never done, with the next session to take), and each
 * department's standing for IT staff. "Today" is the configured time zone's calendar day.
 */
final class ComplianceService {
    private final TrainingStore store;
    private final Clock clock;
    private final TrainingConfig config;

    ComplianceService(TrainingStore store, Clock clock, TrainingConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    MyTraining myTraining(Caller caller) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        String department = caller.department();
        Trainee trainee = store.trainee(caller.userId());
        if (department != null && (trainee.profile() == null || !department.equals(trainee.profile().department()))) {
            // compliance reports count the people training knows of; looking at your own training makes you known
            store.putProfile(new TraineeProfile(caller.userId(), department, now, trainee.profile() == null ? null : trainee.profile().status()));
        }
        Map<String, Enrolment> booked = new HashMap<>();
        for (Enrolment e : store.upcomingEnrolmentsOf(caller.userId(), now)) {
            if (e.status() == EnrolmentStatus.CONFIRMED || e.status() == EnrolmentStatus.WAITLISTED) {
                booked.putIfAbsent(e.courseId(), e);
            }
        }
        List<CourseStanding> standings = new ArrayList<>();
        for (Course course : mandatoryCourses()) {
            if (!course.audience().includes(department)) {
                continue;
            }
            Completion completion = trainee.completions().get(course.courseId());
            ComplianceStatus status = TrainingRules.standing(completion, today, config.expiringWithinDays());
            NextSession next = status == ComplianceStatus.VALID ? null
                    : store.openSessionsOfCourse(course.courseId(), now, 1).stream().findFirst().map(NextSession::of).orElse(null);
            Enrolment e = booked.get(course.courseId());
            standings.add(new CourseStanding(course.courseId(), course.code(), course.title(), course.validityMonths(), status,
                    completion == null ? null : completion.completedOn(), completion == null ? null : completion.validUntil(),
                    TrainingRules.daysLeft(completion, today), completion == null ? trainee.dueBy().get(course.courseId()) : null,
                    e == null ? null : new Booked(e.sessionId(), e.status(), e.waitlistPosition(), e.sessionStart(), e.sessionTimeZone()),
                    next));
        }
        return new MyTraining(caller.userId(), department, today, standings.stream().allMatch(s -> s.status().compliant()), standings);
    }

    /** Every department's counts, or one department's counts and who in it is not compliant. */
    ComplianceReport compliance(String department) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), config.zone());
        List<Course> mandatory = mandatoryCourses();
        List<TraineeProfile> people = store.profiles(department).stream().filter(TraineeProfile::counted).toList();
        List<String[]> pairs = new ArrayList<>();
        for (TraineeProfile p : people) {
            for (Course c : mandatory) {
                if (c.audience().includes(p.department())) {
                    pairs.add(new String[] {p.userId(), c.courseId()});
                }
            }
        }
        Map<String, Completion> completions = store.completions(pairs);
        Map<String, List<TraineeProfile>> byDepartment = new TreeMap<>();
        if (department != null) {
            byDepartment.put(department, new ArrayList<>());
        }
        people.forEach(p -> byDepartment.computeIfAbsent(p.department(), d -> new ArrayList<>()).add(p));
        List<DepartmentCompliance> departments = new ArrayList<>();
        byDepartment.forEach((name, members) -> departments.add(department(name, members, mandatory, completions, today, department != null)));
        return new ComplianceReport(today, mandatory.stream().map(c -> new CourseRef(c.courseId(), c.code(), c.title(), c.validityMonths())).toList(),
                departments);
    }

    private DepartmentCompliance department(String name, List<TraineeProfile> members, List<Course> mandatory,
                                            Map<String, Completion> completions, LocalDate today, boolean listPeople) {
        List<Course> applicable = mandatory.stream().filter(c -> c.audience().includes(name)).toList();
        int[][] counts = new int[applicable.size()][ComplianceStatus.values().length];
        List<Person> notCompliant = new ArrayList<>();
        int compliant = 0;
        for (TraineeProfile p : members.stream().sorted(Comparator.comparing(TraineeProfile::userId)).toList()) {
            List<Gap> gaps = new ArrayList<>();
            for (int i = 0; i < applicable.size(); i++) {
                Course c = applicable.get(i);
                Completion done = completions.get(p.userId() + "/" + c.courseId());
                ComplianceStatus status = TrainingRules.standing(done, today, config.expiringWithinDays());
                counts[i][status.ordinal()]++;
                if (!status.compliant()) {
                    gaps.add(new Gap(c.courseId(), c.code(), status, done == null ? null : done.validUntil()));
                }
            }
            if (gaps.isEmpty()) {
                compliant++;
            } else {
                notCompliant.add(new Person(p.userId(), gaps));
            }
        }
        List<CourseCount> byCourse = new ArrayList<>();
        for (int i = 0; i < applicable.size(); i++) {
            int[] c = counts[i];
            byCourse.add(new CourseCount(applicable.get(i).courseId(), applicable.get(i).code(), c[ComplianceStatus.VALID.ordinal()],
                    c[ComplianceStatus.EXPIRING.ordinal()], c[ComplianceStatus.EXPIRED.ordinal()], c[ComplianceStatus.NEVER_DONE.ordinal()]));
        }
        return new DepartmentCompliance(name, members.size(), compliant, members.size() - compliant, byCourse,
                listPeople ? notCompliant : null);
    }

    private List<Course> mandatoryCourses() {
        return store.allCourses().stream().filter(Course::mandatory).toList();
    }
}
