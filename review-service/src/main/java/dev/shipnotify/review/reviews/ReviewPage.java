package dev.shipnotify.review.reviews;

import dev.shipnotify.problem.PageText;
import dev.shipnotify.review.orders.Order;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the review page shows for one item: the rating as it is now (with a link per star to change it), and the
 * form for a comment and the NPS question, which posts back with the same signed link.
 *
 * @param action          where the form posts ({@code /r/<order>/<sku>}), with {@code expires} and
 *                        {@code signature}
 * @param stars           the five star links, for changing the rating with one click
 * @param optOut          where the "no more review requests" form posts, with {@code expires} and
 *                        {@code optOutSignature}
 */
public record ReviewPage(PageText text, String itemName, String imageUrl, int rating, String comment,
        Integer recommendation, String action, long expires, String signature, List<Star> stars, String optOut,
        String optOutSignature, boolean saved) {

    /** The page's words: {@code page/review[_<language>].properties}. */
    public static final String WORDS = "page.review";

    public record Star(int value, String url, boolean chosen) {
    }

    public static PageText text(Order order) {
        return PageText.in(WORDS, order.locale(), order.merchantLocale());
    }

    /** "You gave it 4 stars", in the page's language. */
    public String rated() {
        return text.get("rated", rating);
    }

    /** 0 to 10, for the NPS radio buttons. */
    public List<Integer> scores() {
        return IntStream.rangeClosed(0, 10).boxed().toList();
    }
}
