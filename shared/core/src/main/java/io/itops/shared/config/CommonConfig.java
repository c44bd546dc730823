package io.itops.shared.config;

/**
 * Settings every function shares, read once from the environment. Names here are the contract with
 * template.yaml's Globals.
 */
public record CommonConfig(
        String serviceName,
        String tableName,
        String eventBusName,
        String eventSource,
        String cursorKeySecret,
        String groupsClaim,
        String adminGroup,
        String staffGroup,
        int maxBodyBytes) {

    public static CommonConfig from(Env env) {
        return new CommonConfig(
                env.required("SERVICE_NAME"),
                env.required("TABLE_NAME"),
                env.required("EVENT_BUS_NAME"),
                env.required("EVENT_SOURCE"),
                env.required("CURSOR_KEY_SECRET"),
                env.optional("GROUPS_CLAIM", "cognito:groups"),
                env.optional("ADMIN_GROUP", "admin"),
                env.optional("STAFF_GROUP", "staff"),
                env.integer("MAX_BODY_BYTES", 262_144));
    }
}
