package dev.shipnotify.problem;

/** A service's operator token, which {@link AdminAuthenticated} calls must present. */
public interface AdminTokenCheck {

    /** Whether this is the operator's token; compares in constant time. */
    boolean matches(String token);
}
