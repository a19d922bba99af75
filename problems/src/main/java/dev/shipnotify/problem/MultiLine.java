package dev.shipnotify.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A free-text field of a request body that may hold line breaks and tabs. Every other text field is one line:
 * {@link RequestValidator} refuses control characters in it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface MultiLine {
}
