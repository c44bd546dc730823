package io.itops.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** How bad a finding is; critical and high ones are announced as soon as they open. */
public enum Severity {
    CRITICAL("严重"), HIGH("高危"), MEDIUM("中危"), LOW("低危"), INFO("信息");

    private final String chinese;

    Severity(String chinese) {
        this.chinese = chinese;
    }

    public boolean announced() {
        return this == CRITICAL || this == HIGH;
    }

    public String chinese() {
        return chinese;
    }

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    @JsonCreator
    public static Severity parse(String value) {
        return Wire.parse(Severity.class, value);
    }
}
