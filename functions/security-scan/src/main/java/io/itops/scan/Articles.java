package io.itops.scan;

/** "a printer", "an antivirus scan": the English indefinite article for a word the code puts in a sentence. */
final class Articles {
    private Articles() {}

    static String a(Object word) {
        String text = String.valueOf(word);
        return (!text.isEmpty() && "aeiouAEIOU".indexOf(text.charAt(0)) >= 0 ? "an " : "a ") + text;
    }
}
