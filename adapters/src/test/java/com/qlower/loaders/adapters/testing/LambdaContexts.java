package com.qlower.loaders.adapters.testing;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.Proxy;

/** Lambda contexts for the handler tests. */
public final class LambdaContexts {

    private LambdaContexts() {
    }

    /** A Lambda context as the runtime gives one to the named function; the handlers do not read it. */
    public static Context named(String functionName) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getFunctionName" -> functionName;
                    case "getAwsRequestId" -> "5f0e6c7a-3b1d-4e8a-9c2f-7d4b1a6e8f30";
                    case "getRemainingTimeInMillis" -> 900_000;
                    case "getMemoryLimitInMB" -> 1024;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "Context[" + functionName + "]";
                    default -> null;
                });
    }
}
