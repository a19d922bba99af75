-- Each service owns its database on the shared server: order-service "orders", notification-service "notifications".
CREATE DATABASE orders;
CREATE DATABASE notifications;
