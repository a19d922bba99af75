package dev.shipnotify.messaging;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a failure of the store (down, restarting, out of connections, a deadlock or serialisation conflict) from a
 * failure of the records. The first is waited out however long it lasts, since no record is to blame and
 * dead-lettering the batch would lose nothing but cost an operator a replay of everything; the second is narrowed
 * down to the record that causes it, which then goes to the dead-letter topic alone.
 */
final class Failures {
    /** SQLSTATE classes of a server or connection in trouble: connection, transaction rollback, resources, operator. */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "57");
    private static final String[] TRANSIENT_MONGO = { "com.mongodb.MongoSocket", "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoNotPrimaryException", "com.mongodb.MongoNodeIsRecoveringException" };

    private Failures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException || cause instanceof SocketException
                    || cause instanceof SocketTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.length() >= 2 && TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
                // Agroal's pool, when every connection is taken or none can be made.
                if (state == null && String.valueOf(sql.getMessage()).contains("Acquisition timeout")) {
                    return true;
                }
            }
            String name = cause.getClass().getName();
            for (String prefix : TRANSIENT_MONGO) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** The poison record this failure is about, anywhere in its causes. */
    static Optional<PoisonEventException> poison(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof PoisonEventException poison) {
                return Optional.of(poison);
            }
        }
        return Optional.empty();
    }

    /** What to tell an operator: the message of the deepest cause that has one. */
    static String reason(Throwable failure) {
        Optional<PoisonEventException> poison = poison(failure);
        if (poison.isPresent()) {
            return poison.get().getMessage();
        }
        String reason = failure.toString();
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                reason = cause.getMessage();
            }
        }
        return reason;
    }
}
