package io.itops.shared.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The base of every function's handler. A handler has a public no-arg constructor (Lambda), a
 * public constructor taking the environment as a {@code Map<String, String>} (the dev server, which
 * loads each function in its own class loader), and declares its routes, schedules and event
 * consumers in a {@link Dispatcher}.
 */
public abstract class FunctionHandler implements RequestStreamHandler {
    private final Dispatcher dispatcher;

    protected FunctionHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        // Only a SnapStart init loads the priming classes (org.crac); an on-demand start skips them.
        if ("snap-start".equals(dispatcher.platform().env().runtime("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            Priming.register(new Priming(dispatcher.platform(), dispatcher));
        }
    }

    public final Dispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        dispatcher.handle(input, output, context);
    }
}
