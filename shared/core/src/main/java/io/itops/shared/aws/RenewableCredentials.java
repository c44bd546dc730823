package io.itops.shared.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One of the SDK's credential providers, built on first use and built again after a SnapStart
 * restore, so that a restored environment never signs with what the snapshot's environment resolved.
 * The provider's own caching and refresh are the SDK's; this only decides when to start afresh.
 */
final class RenewableCredentials implements AwsCredentialsProvider {
    private final Supplier<AwsCredentialsProvider> factory;
    private volatile AwsCredentialsProvider current;

    RenewableCredentials(Supplier<AwsCredentialsProvider> factory) {
        this.factory = factory;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        AwsCredentialsProvider provider = current;
        if (provider == null) {
            synchronized (this) {
                provider = current;
                if (provider == null) {
                    provider = factory.get();
                    current = provider;
                }
            }
        }
        return provider.resolveCredentials();
    }

    synchronized void renew() {
        AwsCredentialsProvider old = current;
        current = null;
        if (old instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
