/**
 * The reference for ColdStartLauncher: a true hello world, one line and nothing else, so that the
 * JVM's own start and exit are all it measures (ColdStartBenchmark counts classes in a separate run).
 */
public final class ColdStartHello {
    public static void main(String[] args) {
        System.out.println("COLDSTART init=0 first=0 status=200");
    }
}
