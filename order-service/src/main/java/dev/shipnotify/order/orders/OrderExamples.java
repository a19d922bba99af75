package dev.shipnotify.order.orders;

/** Examples for the OpenAPI document; the same shapes the tests send. */
final class OrderExamples {
    private OrderExamples() {
    }

    static final String REQUEST = """
            {
              "customer": {
                "name": "Priya Sharma",
                "email": "priya.sharma@example.com",
                "phone": "+919876543210",
                "locale": "hi-IN",
                "timeZone": "Asia/Kolkata",
                "consent": {"email": true, "whatsapp": true}
              },
              "items": [
                {
                  "sku": "KH-SAR-BAN-0042",
                  "name": "Banarasi silk saree, maroon",
                  "quantity": 1,
                  "unitPrice": {"amount": "4999.00", "currency": "INR"},
                  "imageUrl": "https://cdn.kesarihandloom.example/p/KH-SAR-BAN-0042.jpg"
                },
                {
                  "sku": "KH-DUP-CHN-0107",
                  "name": "Chanderi cotton dupatta, saffron",
                  "quantity": 2,
                  "unitPrice": {"amount": "899.00", "currency": "INR"}
                }
              ],
              "shippingAddress": {"line1": "14, 5th Cross, Koramangala 4th Block", "city": "Bengaluru",
                                  "postcode": "560034", "country": "IN"}
            }""";

    static final String RESPONSE = """
            {
              "id": "7d0c9a4e-3f1b-4c2a-9e5d-2b8f6a1c4e90",
              "status": "PLACED",
              "merchantId": "3b9f2c71-8a4d-4e6b-b0c2-5d7e9f1a2b3c",
              "customer": {
                "name": "Priya Sharma",
                "email": "priya.sharma@example.com",
                "phone": "+919876543210",
                "locale": "hi-IN",
                "timeZone": "Asia/Kolkata",
                "consent": {"email": true, "whatsapp": true}
              },
              "items": [
                {"sku": "KH-SAR-BAN-0042", "name": "Banarasi silk saree, maroon", "quantity": 1,
                 "unitPrice": {"amount": "4999.00", "currency": "INR"},
                 "imageUrl": "https://cdn.kesarihandloom.example/p/KH-SAR-BAN-0042.jpg"},
                {"sku": "KH-DUP-CHN-0107", "name": "Chanderi cotton dupatta, saffron", "quantity": 2,
                 "unitPrice": {"amount": "899.00", "currency": "INR"}, "imageUrl": null}
              ],
              "total": {"amount": "6797.00", "currency": "INR"},
              "shippingAddress": {"line1": "14, 5th Cross, Koramangala 4th Block", "line2": null,
                                  "city": "Bengaluru", "postcode": "560034", "country": "IN"},
              "createdAt": "2025-03-14T10:15:30.123Z",
              "latestShipmentStatus": null,
              "shipments": [],
              "cancelledAt": null,
              "cancellationReason": null
            }""";

    static final String SHIPPED = """
            {
              "id": "7d0c9a4e-3f1b-4c2a-9e5d-2b8f6a1c4e90",
              "status": "SHIPPED",
              "merchantId": "3b9f2c71-8a4d-4e6b-b0c2-5d7e9f1a2b3c",
              "customer": {
                "name": "Priya Sharma",
                "email": "priya.sharma@example.com",
                "phone": "+919876543210",
                "locale": "hi-IN",
                "timeZone": "Asia/Kolkata",
                "consent": {"email": true, "whatsapp": true}
              },
              "items": [
                {"sku": "KH-SAR-BAN-0042", "name": "Banarasi silk saree, maroon", "quantity": 1,
                 "unitPrice": {"amount": "4999.00", "currency": "INR"},
                 "imageUrl": "https://cdn.kesarihandloom.example/p/KH-SAR-BAN-0042.jpg"}
              ],
              "total": {"amount": "4999.00", "currency": "INR"},
              "shippingAddress": {"line1": "14, 5th Cross, Koramangala 4th Block", "line2": null,
                                  "city": "Bengaluru", "postcode": "560034", "country": "IN"},
              "createdAt": "2025-03-14T10:15:30.123Z",
              "latestShipmentStatus": "EXCEPTION",
              "shipments": [
                {"shipmentId": "c41e8b2d-6f3a-4d9c-8e1b-7a2f5c3d9e04", "carrier": "Delhivery",
                 "trackingNumber": "1490811234567", "status": "EXCEPTION", "statusAt": "2025-03-16T06:12:00Z",
                 "trackingUrl": "https://track.kesarihandloom.example/s/c41e8b2d-6f3a-4d9c-8e1b-7a2f5c3d9e04"}
              ],
              "cancelledAt": null,
              "cancellationReason": null
            }""";

    static final String CANCELLED = """
            {
              "id": "7d0c9a4e-3f1b-4c2a-9e5d-2b8f6a1c4e90",
              "status": "CANCELLED",
              "merchantId": "3b9f2c71-8a4d-4e6b-b0c2-5d7e9f1a2b3c",
              "customer": {
                "name": "Priya Sharma",
                "email": "priya.sharma@example.com",
                "phone": "+919876543210",
                "locale": "hi-IN",
                "timeZone": "Asia/Kolkata",
                "consent": {"email": true, "whatsapp": true}
              },
              "items": [
                {"sku": "KH-SAR-BAN-0042", "name": "Banarasi silk saree, maroon", "quantity": 1,
                 "unitPrice": {"amount": "4999.00", "currency": "INR"},
                 "imageUrl": "https://cdn.kesarihandloom.example/p/KH-SAR-BAN-0042.jpg"}
              ],
              "total": {"amount": "4999.00", "currency": "INR"},
              "shippingAddress": {"line1": "14, 5th Cross, Koramangala 4th Block", "line2": null,
                                  "city": "Bengaluru", "postcode": "560034", "country": "IN"},
              "createdAt": "2025-03-14T10:15:30.123Z",
              "latestShipmentStatus": null,
              "shipments": [],
              "cancelledAt": "2025-03-14T11:02:05.410Z",
              "cancellationReason": "The maroon saree is out of stock; your payment will be refunded within 5 working days."
            }""";

    static final String PAGE = """
            {
              "orders": [
                {"id": "7d0c9a4e-3f1b-4c2a-9e5d-2b8f6a1c4e90", "status": "SHIPPED", "...": "as GET /api/orders/{id}"}
              ],
              "nextCursor": "MjAyNS0wMy0xNFQxMDoxNTozMC4xMjNafDdkMGM5YTRlLTNmMWItNGMyYS05ZTVkLTJiOGY2YTFjNGU5MA"
            }""";

    static final String INVALID_FILTER = """
            {
              "type": "urn:shipnotify:problem:invalid-request",
              "title": "Invalid request",
              "status": 400,
              "detail": "2 invalid fields: limit, status",
              "instance": "/api/orders",
              "errors": [
                {"field": "limit", "message": "must be a whole number from 1 to 100"},
                {"field": "status", "message": "must be one or more of [PLACED, SHIPPED, OUT_FOR_DELIVERY, DELIVERED, RETURNED, CANCELLED]"}
              ]
            }""";

    static final String NOT_CANCELLABLE = """
            {
              "type": "urn:shipnotify:problem:order-not-cancellable",
              "title": "Order can no longer be cancelled",
              "status": 409,
              "detail": "Order 7d0c9a4e-3f1b-4c2a-9e5d-2b8f6a1c4e90 is DELIVERED; only an order not yet delivered can be cancelled",
              "instance": "/api/orders/7d0c9a4e-3f1b-4c2a-9e5d-2b8f6a1c4e90/cancel"
            }""";

    static final String INVALID = """
            {
              "type": "urn:shipnotify:problem:invalid-request",
              "title": "Invalid request",
              "status": 400,
              "detail": "2 invalid fields: customer.email, customer.phone",
              "instance": "/api/orders",
              "errors": [
                {"field": "customer.email", "message": "must be an email address such as asha@example.com"},
                {"field": "customer.phone", "message": "must be an E.164 phone number such as +919876543210"}
              ]
            }""";
}
