package dev.shipnotify.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.MerchantKeyChanged;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.problem.MerchantKeyLookup;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Date;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The merchant API keys order-service issued, as {@code merchant-keys} told them, in a MongoDB service's
 * {@code merchant_keys} collection (key hash to merchant), for services that authenticate merchant calls without
 * asking order-service ({@code messaging.merchant-keys.store=mongodb}: tracking-service, review-service). A
 * revocation is final: an older, unrevoked state that arrives after it changes nothing.
 */
@ApplicationScoped
@IfBuildProperty(name = "messaging.merchant-keys.store", stringValue = "mongodb")
public class MongoMerchantKeys implements MerchantKeyLookup {
    static final String COLLECTION = "merchant_keys";

    private final MongoCollection<Document> keys;
    private final EventConsumer consumer;
    private final ObjectMapper json;

    @Inject
    public MongoMerchantKeys(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            EventConsumer consumer, ObjectMapper json) {
        this.keys = client.getDatabase(database).getCollection(COLLECTION);
        this.consumer = consumer;
        this.json = json;
    }

    // SmallRye's own @Blocking, not smallrye-common's: services without Reactive Messaging (ops-console) check every
    // smallrye-common @Blocking on their class path, even on a bean they do not build.
    @Incoming(Topics.MERCHANT_KEYS)
    @Blocking
    public void keyChanged(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.MERCHANT_KEY_CHANGED,
                consumer.eachEvent(event -> apply(event.read(json, MerchantKeyChanged.class))));
    }

    /** Applies one key's state; idempotent, so a redelivered event changes nothing. */
    void apply(MerchantKeyChanged change) {
        Document known = keys.find(Filters.eq("_id", change.keyHash())).first();
        if (known != null && known.get("revokedAt") != null) {
            return;
        }
        keys.replaceOne(Filters.eq("_id", change.keyHash()), new Document("_id", change.keyHash())
                .append("merchantId", change.merchantId())
                .append("keyId", change.keyId())
                .append("revokedAt", change.revokedAt() == null ? null : Date.from(change.revokedAt())),
                new ReplaceOptions().upsert(true));
        if (change.revoked()) {
            Log.infof("Merchant %s: key %s revoked", change.merchantId(), change.keyId());
        }
    }

    @Override
    public Optional<String> merchantOfKey(String apiKey) {
        Document key = keys.find(Filters.eq("_id", MerchantKeyChanged.hashOf(apiKey))).first();
        return key == null || key.get("revokedAt") != null ? Optional.empty()
                : Optional.of(key.getString("merchantId"));
    }
}
