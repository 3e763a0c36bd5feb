package dev.realtime.system;

/**
 * A setting the server cannot start with. Startup shows it as one paragraph ({@link InvalidSettingFailureAnalyzer})
 * naming the property and what to do, never its value: it may be a secret.
 */
public final class InvalidSetting extends RuntimeException {

    private final String property;
    private final String action;

    public InvalidSetting(String property, String problem, String action) {
        super(property + ": " + problem);
        this.property = property;
        this.action = action;
    }

    public String property() {
        return property;
    }

    public String action() {
        return action;
    }
}
