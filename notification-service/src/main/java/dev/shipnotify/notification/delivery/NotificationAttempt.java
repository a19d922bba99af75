package dev.shipnotify.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One try at handing a notification to its provider, kept with its outcome. */
@Entity
@Table(name = "notification_attempt")
public class NotificationAttempt extends PanacheEntityBase {

    public enum Outcome {
        SENT,
        /** Failed; another attempt is scheduled. */
        RETRY,
        /** Failed and the retry budget is spent. */
        FAILED,
        /** Not attempted: the shopper withdrew from the channel. */
        SUPPRESSED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notification_attempt_id")
    @SequenceGenerator(name = "notification_attempt_id", sequenceName = "notification_attempt_id_seq",
            allocationSize = 50)
    public Long id;

    @Column(name = "notification_id", nullable = false)
    public UUID notificationId;

    @Column(name = "attempt", nullable = false)
    public int attempt;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at", nullable = false)
    public Instant finishedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false)
    public Outcome outcome;

    @Column(name = "error")
    public String error;

    static void record(Notification notification, Instant startedAt, Instant finishedAt, Outcome outcome,
            String error) {
        NotificationAttempt attempt = new NotificationAttempt();
        attempt.notificationId = notification.id;
        attempt.attempt = notification.attempts;
        attempt.startedAt = startedAt;
        attempt.finishedAt = finishedAt;
        attempt.outcome = outcome;
        attempt.error = error;
        attempt.persist();
    }
}
