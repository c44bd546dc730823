package io.itops.training;

/** The claim on a course code, written with its course so that no two courses share one. */
record CourseCode(String code, String courseId) {

    static final class Builder {
        private String code;
        private String courseId;

        Builder code(String v) { code = v; return this; }
        Builder courseId(String v) { courseId = v; return this; }

        CourseCode build() {
            return new CourseCode(code, courseId);
        }
    }
}
