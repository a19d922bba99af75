package dev.shipnotify.order;

import dev.shipnotify.contracts.EventType;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Counts what a merchant has in the database, straight through JDBC. */
@ApplicationScoped
public class Rows {
    private final AgroalDataSource dataSource;

    public Rows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long orders(String merchantId) {
        return count("select count(*) from orders where merchant_id = ?::uuid", merchantId);
    }

    public long customers(String merchantId) {
        return count("select count(*) from customers where merchant_id = ?::uuid", merchantId);
    }

    public long lineItems(String merchantId) {
        return count("select count(*) from order_items i join orders o on o.id = i.order_id"
                + " where o.merchant_id = ?::uuid", merchantId);
    }

    /** order-placed events of this merchant in the outbox, published or not. */
    public long orderPlacedEvents(String merchantId) {
        return count("select count(*) from outbox where ce_type = '" + EventType.ORDER_PLACED.ceType()
                + "' and payload like ?", "%\"merchantId\":\"" + merchantId + "\"%");
    }

    public long count(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
