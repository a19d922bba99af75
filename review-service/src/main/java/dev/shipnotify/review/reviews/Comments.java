package dev.shipnotify.review.reviews;

import java.util.regex.Pattern;

/** What is kept of a comment: text without markup or control characters, whitespace tidied, at most a length. */
public final class Comments {
    private static final Pattern TAG = Pattern.compile("<[^>]*>?");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n]]");
    private static final Pattern BLANKS = Pattern.compile("[ \\t\\x0B\\f]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private Comments() {
    }

    /** Null for nothing left; otherwise the text, cut at {@code maxLength} characters (whole code points). */
    public static String clean(String comment, int maxLength) {
        if (comment == null) {
            return null;
        }
        String text = comment.replace("\r\n", "\n").replace('\r', '\n');
        text = TAG.matcher(text).replaceAll(" ");
        text = text.replace("<", "").replace(">", "");
        text = CONTROL.matcher(text).replaceAll("");
        text = BLANKS.matcher(text).replaceAll(" ");
        text = BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
        if (text.codePointCount(0, text.length()) > maxLength) {
            text = text.substring(0, text.offsetByCodePoints(0, maxLength)).strip();
        }
        return text.isEmpty() ? null : text;
    }
}
