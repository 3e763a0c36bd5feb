package dev.realtime.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows an {@link InvalidSetting} as Spring Boot's startup paragraph. Spring's own analyzer for invalid property
 * values would print the value as configured, and for {@code realtime.jwt.secret} that is the secret.
 */
public final class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSetting> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSetting cause) {
        return new FailureAnalysis("The setting " + cause.getMessage(), cause.action(), cause);
    }
}
