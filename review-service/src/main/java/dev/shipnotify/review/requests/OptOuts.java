package dev.shipnotify.review.requests;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.shipnotify.review.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** Shoppers who asked for no more review requests ({@code review_opt_outs}, keyed by the hash of their email). */
@ApplicationScoped
public class OptOuts {
    private final MongoCollection<Document> optOuts;

    public OptOuts(Store store) {
        this.optOuts = store.collection("review_opt_outs");
    }

    public void add(String shopper, Instant at) {
        optOuts.updateOne(Filters.eq("_id", shopper), Updates.setOnInsert("at", Date.from(at)),
                new UpdateOptions().upsert(true));
    }

    public boolean contains(String shopper) {
        return shopper != null && optOuts.find(Filters.eq("_id", shopper)).first() != null;
    }
}
