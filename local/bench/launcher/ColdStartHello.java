import java.lang.management.ManagementFactory;

/** The reference for ColdStartLauncher: a bare JVM hello world, reporting the same figures the same way. */
public final class ColdStartHello {
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        System.out.println("hello world");
        long t1 = System.nanoTime();
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.out.println("COLDSTART init=" + (t1 - t0) + " first=0 classes=" + classes + " status=200");
    }
}
