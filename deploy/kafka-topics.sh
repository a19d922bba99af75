#!/bin/sh
# Creates the suite's topics with the same partition count, so all events of one order share a partition number.
set -e
for topic in merchant-keys order-placed order-cancelled shipment-updated delivered review-requested shopper-replied review-thanked; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists \
    --topic "$topic" --partitions "${PARTITIONS:-6}" --replication-factor 1
done
