package com.qlower.loaders.integrator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Lambda entry point that brings the database schema to the latest version. Invoked once after each deploy
 * (README: "Deploying"), so the pipeline's functions never run DDL themselves.
 */
public class MigrationHandler implements RequestHandler<MigrationHandler.Request, MigrationHandler.Result> {

    /** No parameters: the migrations are those of the deployed jar. */
    public record Request() {
    }

    /** The schema version before and after, and how many migrations ran. */
    public record Result(String fromVersion, String toVersion, int migrationsApplied) {
    }

    private final Database database;

    public MigrationHandler() {
        this(new Database(DatabaseSecret.fromEnvironment(System.getenv())));
    }

    /** Takes its database: for the tests. */
    MigrationHandler(Database database) {
        this.database = database;
    }

    @Override
    public Result handleRequest(Request request, Context context) {
        MigrateResult result = database.migrate();
        return new Result(result.initialSchemaVersion, result.targetSchemaVersion, result.migrationsExecuted);
    }
}
