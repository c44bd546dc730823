package io.itops.shared.aws;

import io.itops.shared.validation.BindingErrors;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * While SnapStart priming runs requests through a function's real routes, every AWS operation that
 * would change something is refused before it is sent: priming exercises the code of a write (its
 * validation, its store path, its error mapping) but never writes, whatever the route does. The same
 * guard refuses the writes of a request whose body has field errors no rule has reported yet
 * ({@link BindingErrors#pending()}, this thread only): invalid input writes nothing by construction.
 * Deletes stay allowed then, so an Idempotency-Key claim is still released.
 */
final class PrimingGuard implements ExecutionInterceptor {
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems", "PutEvents");
    private volatile boolean refusing;

    void refuseWrites(boolean refuse) {
        refusing = refuse;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (BindingErrors.pending() && WRITES.contains(operation) && !operation.equals("DeleteItem")) {
            throw SdkClientException.create("Refused: the request body has unreported field errors (" + operation + ")");
        }
        if (refusing && WRITES.contains(operation)) {
            throw SdkClientException.create("Refused during SnapStart priming: "
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }
}
