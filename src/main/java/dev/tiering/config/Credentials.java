package dev.tiering.config;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The passwords of the two users, from {@code TIERING_ANALYST_PASSWORD} and {@code
 * TIERING_ADMIN_PASSWORD}. Where one is unset the service makes a random one, once per process, and
 * logs it once at start.
 */
public final class Credentials {
    public static final String ANALYST = "analyst";
    public static final String ADMIN = "admin";

    private static final Map<String, String> GENERATED = new LinkedHashMap<>();
    private static final Map<String, String> PASSWORDS = new LinkedHashMap<>();

    private Credentials() {}

    /**
     * The password of {@code user}: from its environment variable or system property, else
     * generated.
     */
    public static synchronized String password(String user, String configured) {
        return PASSWORDS.computeIfAbsent(
                user,
                u -> {
                    if (configured != null && !configured.isBlank()) {
                        return configured;
                    }
                    String generated = random();
                    GENERATED.put(u, generated);
                    return generated;
                });
    }

    /**
     * Users whose password was generated, with it; empty after {@link #takeGenerated()} has been
     * called.
     */
    public static synchronized Map<String, String> takeGenerated() {
        Map<String, String> copy = new LinkedHashMap<>(GENERATED);
        GENERATED.clear();
        return copy;
    }

    private static String random() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
