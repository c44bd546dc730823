package io.itops.desk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** What a ticket is about; each category may have a queue (an IT staff member) in configuration. */
public enum Category {
    ACCESS, ACCOUNT_PASSWORD, HARDWARE, SOFTWARE, NETWORK, HOW_TO, SECURITY, OTHER;

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    @JsonCreator
    public static Category parse(String value) {
        return Wire.parse(Category.class, value);
    }
}
