package io.itops.training;

import io.itops.shared.auth.Caller;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.error.ApiException;
import io.itops.shared.events.EventSink;
import io.itops.shared.store.Page;
import io.itops.training.Requests.EnrolRequest;
import io.itops.training.Statuses.ComplianceStatus;
import io.itops.training.Statuses.EnrolmentStatus;
import io.itops.training.Statuses.When;
import io.itops.training.Views.CourseStanding;
import io.itops.training.Views.MyTraining;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Training's chat commands: {@code courses}, {@code enrol <session id>}, {@code cancel <session id>},
 * {@code my-training}. They follow the API's rules (the linked user is the caller) and answer in the
 * command's language; people who have not linked their chat account are told how to.
 */
final class TrainingChat {
    static final List<String> COMMANDS = List.of("courses", "enrol", "cancel", "my-training");
    private static final Pattern ID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    private static final int MAX_COURSES = 15;

    private final TrainingService training;
    private final ComplianceService compliance;
    private final TrainingStore store;
    private final EventSink events;
    private final Clock clock;

    TrainingChat(TrainingService training, ComplianceService compliance, TrainingStore store, EventSink events, Clock clock) {
        this.training = training;
        this.compliance = compliance;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    void handle(ChatCommand command) {
        events.publish(command.reply(answer(command)));
    }

    String answer(ChatCommand command) {
        Caller caller = command.caller();
        if (caller == null) {
            return command.say("Link your chat account to your company account first: send `link`.",
                    "请先将聊天账号与公司账号关联：发送 `link`。");
        }
        try {
            return switch (command.command()) {
                case "courses" -> courses(command, caller);
                case "enrol" -> enrol(command, caller);
                case "cancel" -> cancel(command, caller);
                case "my-training" -> myTraining(command, caller);
                default -> command.say("Training does not know the command `" + command.command() + "`.",
                        "培训功能不支持命令 `" + command.command() + "`。");
            };
        } catch (ApiException.Unavailable busy) {
            throw busy; // the bus retries the event; nothing was changed
        } catch (ApiException refused) {
            return explain(command, refused);
        }
    }

    private String courses(ChatCommand command, Caller caller) {
        StringBuilder out = new StringBuilder(command.say("Courses open to you:", "您可参加的课程："));
        int shown = 0;
        for (Course course : store.allCourses()) {
            if (!course.audience().includes(caller.department()) || shown == MAX_COURSES) {
                continue;
            }
            shown++;
            out.append("\n• ").append(course.code()).append(" ").append(course.title());
            if (course.mandatory()) {
                out.append(command.say(" (mandatory)", "（必修）"));
            }
            List<Session> next = store.openSessionsOfCourse(course.courseId(), clock.instant(), 1);
            if (next.isEmpty()) {
                out.append(command.say(" — no session open for enrolment", " — 暂无可报名场次"));
            } else {
                Session s = next.getFirst();
                out.append(command.say(" — next: ", " — 下一场：")).append(when(s.localStart(), s.timeZone()))
                        .append(", ").append(s.sessionId()).append(", ")
                        .append(s.full()
                                ? command.say("full (waitlist " + s.waitlisted() + ")", "已满（候补 " + s.waitlisted() + " 人）")
                                : command.say(s.seatsLeft() + " seats left", "剩余 " + s.seatsLeft() + " 个名额"));
            }
        }
        if (shown == 0) {
            return command.say("No course is open to your department at the moment.", "目前没有面向您所在部门的课程。");
        }
        return out.append("\n").append(command.say("Enrol with `enrol <session id>`.", "报名请发送 `enrol <场次编号>`。")).toString();
    }

    private String enrol(ChatCommand command, Caller caller) {
        String sessionId = sessionArgument(command);
        if (sessionId == null) {
            return command.say("Usage: `enrol <session id>` (send `courses` to see the sessions).",
                    "用法：`enrol <场次编号>`（发送 `courses` 查看场次）。");
        }
        Enrolment e = training.enrol(sessionId, new EnrolRequest(null, null), caller);
        String session = e.courseTitle() + " (" + e.courseCode() + ") " + when(e.sessionStart(), e.sessionTimeZone());
        return e.status() == EnrolmentStatus.CONFIRMED
                ? command.say("You are enrolled in " + session + ": your seat is confirmed.",
                        "报名成功：" + session + "，您的名额已确认。")
                : command.say("The session " + session + " is full: you are on the waitlist at position " + e.waitlistPosition()
                                + ". You will be told if a seat frees up.",
                        "场次 " + session + " 已满：您在候补名单第 " + e.waitlistPosition() + " 位，有名额空出时会通知您。");
    }

    private String cancel(ChatCommand command, Caller caller) {
        String sessionId = sessionArgument(command);
        if (sessionId == null) {
            return command.say("Usage: `cancel <session id>`.", "用法：`cancel <场次编号>`。");
        }
        Session session = training.session(sessionId);
        training.cancelEnrolment(sessionId, caller.userId(), caller);
        String name = TrainingEvents.name(session) + " " + when(session.localStart(), session.timeZone());
        return command.say("Your enrolment in " + name + " is cancelled.", "已取消您对 " + name + " 的报名。");
    }

    private String myTraining(ChatCommand command, Caller caller) {
        MyTraining mine = compliance.myTraining(caller);
        StringBuilder out = new StringBuilder();
        if (mine.courses().isEmpty()) {
            out.append(command.say("No mandatory training applies to you.", "您没有必修培训。"));
        } else {
            out.append(mine.compliant()
                    ? command.say("Your mandatory training is up to date:", "您的必修培训均有效：")
                    : command.say("Your mandatory training needs attention:", "您的必修培训需要处理："));
            for (CourseStanding c : mine.courses()) {
                out.append("\n• ").append(c.code()).append(" ").append(c.title()).append(": ").append(standing(command, c));
                if (c.enrolment() != null) {
                    out.append(command.say(" — enrolled ", " — 已报名 ")).append(when(c.enrolment().start(), c.enrolment().timeZone()));
                } else if (c.nextSession() != null && c.status() != ComplianceStatus.VALID) {
                    out.append(command.say(" — next session: ", " — 下一场：")).append(when(c.nextSession().localStart(), c.nextSession().timeZone()))
                            .append(" (`enrol ").append(c.nextSession().sessionId()).append("`)");
                }
            }
        }
        Page<Enrolment> upcoming = training.myEnrolments(caller, When.UPCOMING, 10, null);
        if (!upcoming.items().isEmpty()) {
            out.append("\n").append(command.say("Your upcoming sessions:", "您即将参加的场次："));
            for (Enrolment e : upcoming.items()) {
                out.append("\n• ").append(e.courseCode()).append(" ").append(when(e.sessionStart(), e.sessionTimeZone())).append(" — ")
                        .append(enrolmentStatus(command, e));
            }
        }
        return out.toString();
    }

    private static String standing(ChatCommand command, CourseStanding c) {
        return switch (c.status()) {
            case VALID -> c.validUntil() == null ? command.say("done", "已完成")
                    : command.say("valid until " + c.validUntil(), "有效期至 " + c.validUntil());
            case EXPIRING -> command.say("expires " + c.validUntil() + " (in " + c.daysLeft() + " days)",
                    "将于 " + c.validUntil() + " 到期（还有 " + c.daysLeft() + " 天）");
            case EXPIRED -> command.say("expired " + c.validUntil(), "已于 " + c.validUntil() + " 过期");
            case NEVER_DONE -> command.say("never done", "尚未完成");
        };
    }

    private static String enrolmentStatus(ChatCommand command, Enrolment e) {
        if (e.sessionStatus() == Statuses.SessionStatus.CANCELLED) {
            return command.say("session cancelled", "场次已取消");
        }
        return switch (e.status()) {
            case CONFIRMED -> command.say("confirmed", "已确认");
            case WAITLISTED -> command.say("waitlist position " + e.waitlistPosition(), "候补第 " + e.waitlistPosition() + " 位");
            case ATTENDED -> command.say("attended", "已出席");
            case CANCELLED -> command.say("cancelled", "已取消");
        };
    }

    /** The refusal in the command's language; the codes are the API's. */
    static String explain(ChatCommand command, ApiException e) {
        return switch (e.code()) {
            case "SESSION_NOT_FOUND" -> command.say("There is no session with that id; send `courses` to see the sessions.",
                    "没有该编号的场次；发送 `courses` 查看场次。");
            case "ENROLMENT_CLOSED" -> command.say("Enrolment for this session has closed.", "该场次报名已截止。");
            case "SESSION_STARTED" -> command.say("This session has already started.", "该场次已经开始。");
            case "SESSION_CANCELLED" -> command.say("This session was cancelled; send `courses` for another.", "该场次已取消；发送 `courses` 查看其他场次。");
            case "ALREADY_ENROLLED" -> command.say("You are already enrolled in this session.", "您已报名该场次。");
            case "NOT_IN_AUDIENCE" -> command.say("This course is not offered to your department.", "该课程不面向您所在的部门。");
            case "ENROLMENT_NOT_FOUND" -> command.say("You are not enrolled in this session.", "您未报名该场次。");
            case "CONCURRENT_UPDATE" -> command.say("Many people are enrolling right now; please try again in a moment.",
                    "当前报名人数较多，请稍后再试。");
            default -> command.say("That did not work: " + e.detail(), "操作未完成：" + e.detail());
        };
    }

    private static String sessionArgument(ChatCommand command) {
        List<String> args = command.args() == null ? List.of() : command.args();
        if (args.size() != 1) {
            return null;
        }
        String id = args.getFirst().trim().toUpperCase(java.util.Locale.ROOT);
        return ID.matcher(id).matches() ? id : null;
    }

    private static String when(java.time.Instant instant, String timeZone) {
        return when(LocalDateTime.ofInstant(instant, ZoneId.of(timeZone)), timeZone);
    }

    private static String when(LocalDateTime local, String timeZone) {
        return WALL_CLOCK.format(local) + " " + timeZone;
    }
}
