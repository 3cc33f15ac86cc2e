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
 * <li>Before the snapshot: the priming, a dry round trip to the database ({@code select 1} through JDBI), so that
 * the driver's and JDBI's query path is loaded and initialised in the snapshot rather than at a first invocation;
 * then the database connections are closed: a connection in the snapshot would be shared by every instance restored
 * from it, and its server side is long gone by then.</li>
 * <li>After a restore: the database login is read again from its secret (it may have been rotated since the
 * snapshot); connections open at the first invocation that needs one, as at a cold start. Nothing else is re-seeded:
 * no value meant to be unique (ids, random numbers, times) is computed at init ({@code SnapStartReadinessTest}
 * checks the sources), nothing is written to /tmp at init, and the SDK's default credentials provider reads the
 * restored instance's credentials when a client first needs them.</li>
 * </ul>
 */
public final class SnapStartHooks implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartHooks.class);

    /** org.crac holds its resources weakly: these are kept here for the instance's life, as its wiring is. */
    private static final List<SnapStartHooks> REGISTERED = new CopyOnWriteArrayList<>();

    private final Database database;
    private final Supplier<DatabaseConfig> login;

    SnapStartHooks(Database database, Supplier<DatabaseConfig> login) {
        this.database = database;
        this.login = login;
    }

    /**
     * Registers a function's hooks, at its cold start: {@code database} is its database, {@code login} reads its
     * login again (its secret).
     */
    public static SnapStartHooks register(Database database, Supplier<DatabaseConfig> login) {
        SnapStartHooks hooks = new SnapStartHooks(database, login);
        REGISTERED.add(hooks);
        Core.getGlobalContext().register(hooks);
        return hooks;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            database.jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one());
        } catch (RuntimeException e) {
            // priming only saves time: a snapshot without it is still right
            LOG.warn("SnapStart priming: the database round trip failed: {}", e.toString());
        }
        database.close();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        database.renewLogin(login.get());
    }
}
