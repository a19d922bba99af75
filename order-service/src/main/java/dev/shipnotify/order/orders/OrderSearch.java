package dev.shipnotify.order.orders;

import dev.shipnotify.problem.FieldErrors;
import dev.shipnotify.order.problem.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Lists a merchant's orders newest first, filtered, a page at a time. Pages follow a cursor on (created at, id)
 * rather than an offset, so a page is as fast deep in the list as at its start, and orders placed while a client
 * pages through never make it see an order twice.
 */
@ApplicationScoped
public class OrderSearch {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final EntityManager em;

    public OrderSearch(EntityManager em) {
        this.em = em;
    }

    /** What to list; every part but the limit is optional. {@code createdTo} is exclusive. */
    public record Criteria(Set<OrderStatus> statuses, String customerEmail, Instant createdFrom, Instant createdTo,
            int limit, Cursor after) {
    }

    /** Where the previous page ended. Opaque to clients: base64url of {@code <created at>|<id>}. */
    public record Cursor(Instant createdAt, UUID id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Optional<Cursor> decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                return parts.length == 2 ? Optional.of(new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1])))
                        : Optional.empty();
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /** One page; {@code nextCursor} is null on the last one. */
    public record Page(List<OrderResponse> orders, String nextCursor) {
    }

    /** Reads the query parameters of the list, naming every bad one at once. */
    public static Criteria criteria(List<String> status, String customerEmail, String createdFrom, String createdTo,
            String limit, String cursor) {
        FieldErrors errors = new FieldErrors();
        Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
        for (String value : status.stream().flatMap(s -> Arrays.stream(s.split(","))).map(String::trim).toList()) {
            try {
                statuses.add(OrderStatus.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add("status", "must be one or more of " + Arrays.toString(OrderStatus.values()));
            }
        }
        if (customerEmail != null && !Formats.isEmail(customerEmail)) {
            errors.add("customerEmail", Formats.EMAIL_MESSAGE);
        }
        Instant from = instant("createdFrom", createdFrom, errors);
        Instant to = instant("createdTo", createdTo, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add("createdTo", "must be after createdFrom");
        }
        int pageSize = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                pageSize = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                pageSize = 0;
            }
            if (pageSize < 1 || pageSize > MAX_LIMIT) {
                errors.add("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        Cursor after = null;
        if (cursor != null) {
            after = Cursor.decode(cursor).orElse(null);
            if (after == null) {
                errors.add("cursor", "must be a nextCursor this API answered");
            }
        }
        errors.throwIfAny();
        return new Criteria(statuses, customerEmail == null ? null : customerEmail.toLowerCase(Locale.ROOT), from, to,
                pageSize, after);
    }

    private static Instant instant(String field, String value, FieldErrors errors) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(field, "must be an ISO-8601 date-time with offset such as 2025-03-14T00:00:00+05:30");
            return null;
        }
    }

    @Transactional
    public Page search(UUID merchantId, Criteria criteria) {
        List<UUID> ids = pageOfIds(merchantId, criteria);
        boolean more = ids.size() > criteria.limit();
        List<UUID> page = more ? ids.subList(0, criteria.limit()) : ids;
        Map<UUID, Order> orders = page.isEmpty() ? Map.of()
                : em.createQuery("select o from Order o join fetch o.customer where o.id in :ids", Order.class)
                        .setParameter("ids", page).getResultStream()
                        .collect(Collectors.toMap(o -> o.id, Function.identity()));
        List<OrderResponse> answers = page.stream().map(orders::get).map(OrderResponse::of).toList();
        Order last = more ? orders.get(page.get(page.size() - 1)) : null;
        return new Page(answers, last == null ? null : new Cursor(last.createdAt, last.id).encode());
    }

    /** The ids of the page plus one, to tell whether another page follows. */
    @SuppressWarnings("unchecked")
    private List<UUID> pageOfIds(UUID merchantId, Criteria criteria) {
        StringBuilder sql = new StringBuilder("select o.id from orders o");
        Map<String, Object> parameters = new HashMap<>();
        if (criteria.customerEmail() != null) {
            sql.append(" join customers c on c.id = o.customer_id");
        }
        sql.append(" where o.merchant_id = :merchant");
        parameters.put("merchant", merchantId);
        if (!criteria.statuses().isEmpty()) {
            sql.append(" and o.status in (:statuses)");
            parameters.put("statuses", criteria.statuses().stream().map(Enum::name).toList());
        }
        if (criteria.customerEmail() != null) {
            sql.append(" and c.merchant_id = :merchant and lower(c.email) = :email");
            parameters.put("email", criteria.customerEmail());
        }
        if (criteria.createdFrom() != null) {
            sql.append(" and o.created_at >= :from");
            parameters.put("from", criteria.createdFrom());
        }
        if (criteria.createdTo() != null) {
            sql.append(" and o.created_at < :to");
            parameters.put("to", criteria.createdTo());
        }
        if (criteria.after() != null) {
            sql.append(" and (o.created_at, o.id) < (:afterCreatedAt, :afterId)");
            parameters.put("afterCreatedAt", criteria.after().createdAt());
            parameters.put("afterId", criteria.after().id());
        }
        sql.append(" order by o.created_at desc, o.id desc limit :limit");
        parameters.put("limit", criteria.limit() + 1);
        Query query = em.createNativeQuery(sql.toString(), UUID.class);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }
}
