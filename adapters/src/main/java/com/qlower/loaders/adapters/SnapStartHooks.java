package com.qlower.loaders.adapters;

import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function's part in Lambda SnapStart, through org.crac (a no-op where no snapshot is taken: a function without
 * SnapStart, the local runner, the tests). Lambda snapshots the instance after its init, when a version is published,
 * and restores every new instance from that snapshot.
 * <ul>
 * <li>Before the snapshot: the priming, so that what a first invocation would load and initialise is in the
 * snapshot rather than paid after each restore: the function's own {@link Priming} ({@link SnapStartPriming}: dry
 * runs of its SDK requests, its JSON, the validator's schemas), then a round trip to the database
 * ({@code select 1} through JDBI), for the driver's and JDBI's query path; then the database connections are
 * closed: a connection in the snapshot would be shared by every instance restored from it, and its server side is
 * long gone by then.</li>
 * <li>After a restore: the database login is read again from its secret (it may have been rotated since the
 * snapshot), through the client the snapshot holds, its request path already warm; connections open at the first
 * invocation that needs one, as at a cold start. Nothing else is re-seeded: no value meant to be unique (ids,
 * random numbers, times) is computed at init ({@code SnapStartReadinessTest} checks the sources), nothing is written
 * to /tmp at init, and the SDK's default credentials provider reads the restored instance's credentials when a
 * client first needs them.</li>
 * </ul>
 */
public final class SnapStartHooks implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartHooks.class);

    /** org.crac holds its resources weakly: these are kept here for the instance's life, as its wiring is. */
    private static final List<SnapStartHooks> REGISTERED = new CopyOnWriteArrayList<>();

    /** One piece of priming before the snapshot: {@code what} names it in the log if it fails. */
    public record Priming(String what, Runnable work) {
    }

    private final Database database;
    private final Supplier<DatabaseConfig> login;
    private final List<Priming> priming;

    SnapStartHooks(Database database, Supplier<DatabaseConfig> login, List<Priming> priming) {
        this.database = database;
        this.login = login;
        this.priming = List.copyOf(priming);
    }

    /**
     * A Lambda function's database, at its cold start, with its hooks registered: {@code login} reads its login
     * (its secret), now and again after each restore; {@code priming} runs before the snapshot.
     */
    public static Database database(Supplier<DatabaseConfig> login, Priming... priming) {
        Database database = new Database(login.get());
        SnapStartHooks hooks = new SnapStartHooks(database, login, List.of(priming));
        REGISTERED.add(hooks);
        Core.getGlobalContext().register(hooks);
        return database;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        for (Priming step : priming) {
            prime(step.what(), step.work());
        }
        prime("the database round trip",
                () -> database.jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one()));
        database.close();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        database.renewLogin(login.get());
    }

    private static void prime(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // priming only saves time: a snapshot without it is still right
            LOG.warn("SnapStart priming: {} failed: {}", what, e.toString());
        }
    }
}
