package io.itops.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;
import io.itops.shared.json.Wire;

/**
 * What a scan checks, and the kinds of equipment each check makes sense for: a printer has no
 * antivirus, a laptop no firewall rule base, a software licence no network address.
 */
public enum Profile {
    VULNERABILITY("漏洞扫描", Set.of("laptop", "desktop", "server", "network-device", "firewall", "printer", "storage", "phone")),
    ANTIVIRUS("防病毒检查", Set.of("laptop", "desktop", "server")),
    FIREWALL_CONFIG("防火墙配置检查", Set.of("firewall", "network-device")),
    BASELINE("基线检查", Set.of("laptop", "desktop", "server", "network-device", "firewall", "storage"));

    private final String chinese;
    private final Set<String> categories;

    Profile(String chinese, Set<String> categories) {
        this.chinese = chinese;
        this.categories = categories;
    }

    /** Whether this check applies to equipment of {@code category} (a register category). */
    public boolean appliesTo(String category) {
        return categories.contains(category);
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
    public static Profile parse(String value) {
        return Wire.parse(Profile.class, value);
    }
}
