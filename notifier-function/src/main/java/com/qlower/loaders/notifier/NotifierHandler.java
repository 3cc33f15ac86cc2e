package com.qlower.loaders.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.qlower.loaders.steps.NotifyRequest;
import com.qlower.loaders.steps.NotifyResult;

/** Lambda entry point of the Notify states: tells a file's partner what happened to it. */
public class NotifierHandler implements RequestHandler<NotifyRequest, NotifyResult> {

    private final NotificationService service;

    /** Wires the real adapters, once per cold start. */
    public NotifierHandler() {
        this(NotifierWiring.fromEnvironment(System.getenv()));
    }

    /** Takes its collaborators: for the local runner and the tests. */
    public NotifierHandler(NotificationService service) {
        this.service = service;
    }

    @Override
    public NotifyResult handleRequest(NotifyRequest request, Context context) {
        return service.notify(request);
    }
}
