package dev.shipnotify.notification.rules;

import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which milestones reach a merchant's shoppers on which channels. A milestone the merchant did not name keeps the
 * default, every channel; an empty list silences it.
 *
 * @param channels                  per milestone, the channels it goes out on (each still subject to the shopper's
 *                                  consent)
 * @param emailWaitsForWhatsAppRead when a milestone goes on both channels, its email waits this long and is not
 *                                  sent if the shopper read the WhatsApp message meanwhile; null: no wait
 * @param shopperCapPerDay          messages per shopper and channel in 24 h above which only delivery news goes
 *                                  ({@link ShopperCap}); null: {@value #DEFAULT_SHOPPER_CAP}
 */
public record NotificationRules(Map<Milestone, Set<Channel>> channels, Duration emailWaitsForWhatsAppRead,
        Integer shopperCapPerDay) {

    public static final int DEFAULT_SHOPPER_CAP = 10;
    public static final NotificationRules DEFAULTS = new NotificationRules(Map.of(), null, null);

    public NotificationRules {
        channels = channels == null ? Map.of() : Map.copyOf(channels);
        if (emailWaitsForWhatsAppRead != null && (emailWaitsForWhatsAppRead.isNegative()
                || emailWaitsForWhatsAppRead.isZero())) {
            emailWaitsForWhatsAppRead = null;
        }
        if (shopperCapPerDay == null || shopperCapPerDay < 1) {
            shopperCapPerDay = DEFAULT_SHOPPER_CAP;
        }
    }

    public Set<Channel> channelsFor(Milestone milestone) {
        Set<Channel> named = channels.get(milestone);
        return named == null ? EnumSet.allOf(Channel.class) : named;
    }

    /** Every milestone with its channels, defaults filled in: what the admin API shows. */
    public Map<Milestone, Set<Channel>> effective() {
        Map<Milestone, Set<Channel>> all = new EnumMap<>(Milestone.class);
        for (Milestone milestone : Milestone.values()) {
            Set<Channel> set = channelsFor(milestone);
            all.put(milestone, set.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(set));
        }
        return all;
    }
}
