package io.itops.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** What code printed to stdout (its JSON log and EMF metric lines, as Lambda ships them to CloudWatch), still printed through. */
public final class Stdout {
    private Stdout() {}

    public record Captured<T>(T value, String text) {
        /** Whether an EMF line set metric {@code name} to {@code value}. */
        public boolean metric(String name, Object value) {
            return text.contains("\"" + name + "\":" + value + ",") || text.contains("\"" + name + "\":" + value + "}");
        }
    }

    public static <T> Captured<T> during(Supplier<T> action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        T value;
        try {
            value = action.get();
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return new Captured<>(value, text);
    }

    public static Captured<Void> during(Runnable action) {
        return during(() -> {
            action.run();
            return null;
        });
    }
}
