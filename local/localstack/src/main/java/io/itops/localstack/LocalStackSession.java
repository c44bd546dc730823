package io.itops.localstack;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One LocalStack for a whole test run (the {@code localstack} Maven profile): started before the
 * first test, its endpoint published as {@code itops.awsEndpoint} for {@code MotoServer.shared()},
 * stopped when the run ends. An endpoint already given ({@code -Ditops.awsEndpoint=...}) is kept.
 */
public final class LocalStackSession implements LauncherSessionListener {
    private LocalStackContainer container;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("itops.awsEndpoint") != null) {
            return;
        }
        container = new LocalStackContainer(DockerImageName.parse(
                System.getProperty("itops.localstackImage", "localstack/localstack:4.4")));
        container.start();
        System.setProperty("itops.awsEndpoint", container.getEndpoint().toString());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (container != null) {
            container.stop();
        }
    }
}
