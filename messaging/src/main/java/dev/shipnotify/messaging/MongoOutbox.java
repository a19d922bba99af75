package dev.shipnotify.messaging;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox of a MongoDB service ({@code messaging.outbox.store=mongodb}): events wait inside the documents of
 * {@code messaging.outbox.collection} whose change they report, added by the same single-document write
 * ({@link #add}), in {@value #FIELD}, flagged by {@value #FLAG}. A document that gets events must move its
 * {@code version} in that write.
 *
 * <p>A claim leases documents, not single events: one lease document per holder in {@code <collection>_leases},
 * whose unique {@code _id} lets exactly one claimer insert it. All of a document's events go in one claim, in the
 * order they were added, and a published event is pulled from its document. Every operation of a claim reads by
 * {@code _id}, except the safety poll's look for any flagged document.
 */
@ApplicationScoped
@IfBuildProperty(name = "messaging.outbox.store", stringValue = "mongodb")
public class MongoOutbox implements OutboxStore {
    /** The field of a document that holds its events not yet published. */
    public static final String FIELD = "pendingEvents";
    /** True while {@link #FIELD} may hold any. */
    public static final String FLAG = "outboxPending";
    private static final String VERSION = "version";
    private static final Document PROJECTION = new Document(FIELD, 1).append(FLAG, 1).append(VERSION, 1);

    private final MongoCollection<Document> documents;
    private final MongoCollection<Document> leases;

    @Inject
    public MongoOutbox(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            @ConfigProperty(name = "messaging.outbox.collection") String collection) {
        this(client.getDatabase(database).getCollection(collection),
                client.getDatabase(database).getCollection(collection + "_leases"));
    }

    MongoOutbox(MongoCollection<Document> documents, MongoCollection<Document> leases) {
        this.documents = documents;
        this.leases = leases;
    }

    void createIndexes(@Observes StartupEvent started) {
        createIndexes();
    }

    void createIndexes() {
        documents.createIndex(Indexes.ascending(FLAG));
        // Redundant for MongoDB, whose _id index serves a filter on _id and version; the embedded wire server of
        // local runs uses an index only for a filter with exactly its fields.
        documents.createIndex(Indexes.ascending("_id", VERSION), new IndexOptions().unique(true));
        leases.createIndex(Indexes.ascending("until"));
    }

    /** The part of a document's update that adds these events. */
    public static Bson add(List<OutboxEvent> events) {
        return Updates.combine(Updates.pushEach(FIELD, events.stream().map(MongoOutbox::toDocument).toList()),
                Updates.set(FLAG, true));
    }

    /** The fields of a new document that holds no events yet. */
    public static Document none(Document document) {
        return document.append(FIELD, List.of()).append(FLAG, false);
    }

    @Override
    public Claim claim(Collection<String> holders, int limit, Duration lease) {
        Instant now = Instant.now();
        List<Object> candidates;
        if (holders.isEmpty()) {
            leases.deleteMany(Filters.lt("until", Date.from(now)));
            candidates = documents.find(Filters.eq(FLAG, true)).projection(new Document("_id", 1)).limit(limit)
                    .map(d -> d.get("_id")).into(new ArrayList<>());
        } else {
            candidates = new ArrayList<>(new LinkedHashSet<>(holders));
        }
        if (candidates.isEmpty()) {
            return new Claim(List.of(), new Lease(null, List.of(), Map.of()));
        }
        String token = UUID.randomUUID().toString();
        List<Object> won = lease(candidates, token, Date.from(now.plus(lease)));
        Map<Object, Held> held = new LinkedHashMap<>();
        List<OutboxEvent> events = new ArrayList<>();
        if (!won.isEmpty()) {
            for (Document document : documents.find(Filters.in("_id", won)).projection(PROJECTION)) {
                List<OutboxEvent> pending = document.getList(FIELD, Document.class, List.of()).stream()
                        .map(MongoOutbox::toEvent).toList();
                held.put(document.get("_id"), new Held(document.get(VERSION),
                        pending.stream().map(OutboxEvent::id).toList(), document.getBoolean(FLAG, false)));
                events.addAll(pending);
            }
        }
        return new Claim(events, new Lease(token, won, held));
    }

    /** Inserts a lease per candidate; answers those this claim got (no other lease held them). */
    private List<Object> lease(List<Object> candidates, String token, Date until) {
        List<Document> wanted = candidates.stream()
                .map(id -> new Document("_id", id).append("token", token).append("until", until)).toList();
        Set<Integer> refused = new HashSet<>();
        try {
            leases.insertMany(wanted, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                refused.add(error.getIndex());
            }
        }
        List<Object> won = new ArrayList<>(candidates.size() - refused.size());
        for (int i = 0; i < candidates.size(); i++) {
            if (!refused.contains(i)) {
                won.add(candidates.get(i));
            }
        }
        return won;
    }

    @Override
    public void settle(Claim claim, Set<String> published, String error) {
        Lease lease = (Lease) claim.lease();
        if (lease.won().isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        lease.held().forEach((id, held) -> {
            List<String> done = held.events().stream().filter(published::contains).toList();
            if (!done.isEmpty()) {
                writes.add(new UpdateOneModel<>(new Document("_id", id), Updates.pull(FIELD, Filters.in("id", done))));
            }
            if (held.flagged() && done.size() == held.events().size()) {
                // Only if no write added events since the claim read it: such a write moves the version.
                writes.add(new UpdateOneModel<>(new Document("_id", id).append(VERSION, held.version()),
                        Updates.set(FLAG, false)));
            }
        });
        if (!writes.isEmpty()) {
            documents.bulkWrite(writes, new BulkWriteOptions().ordered(true));
        }
        leases.deleteMany(Filters.and(Filters.in("_id", lease.won()), Filters.eq("token", lease.token())));
    }

    private static Document toDocument(OutboxEvent event) {
        return new Document("id", event.id()).append("ceType", event.ceType()).append("topic", event.topic())
                .append("key", event.key()).append("payload", event.payload())
                .append("createdAt", Date.from(event.createdAt())).append("traceParent", event.traceParent());
    }

    private static OutboxEvent toEvent(Document document) {
        return new OutboxEvent(document.getString("id"), document.getString("ceType"), document.getString("topic"),
                document.getString("key"), document.getString("payload"), document.getDate("createdAt").toInstant(),
                document.getString("traceParent"));
    }

    /** A claim's leases: the documents it got, each with the version and the events it read. */
    private record Lease(String token, List<Object> won, Map<Object, Held> held) {
    }

    private record Held(Object version, List<String> events, boolean flagged) {
    }
}
