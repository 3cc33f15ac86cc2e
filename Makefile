# sam build: SAM runs `make build-<LogicalId>` here (in a copy of the project) for each function of template.yaml,
# with ARTIFACTS_DIR set to the folder it zips and uploads for that function (Metadata: BuildMethod: makefile).
# Each target builds the function's module with the project's own build and puts its shaded jar in lib/, where the
# Lambda Java runtime puts every jar on the classpath. `./loaders build` alone still builds every jar.

LOADERS_BUILD ?= ./loaders build

# $(1): the module, whose target/$(1).jar is the deployable jar
define function_artifact
	$(LOADERS_BUILD) -pl $(1) -am
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(1)/target/$(1).jar "$(ARTIFACTS_DIR)/lib/"
endef

.PHONY: build-ValidatorFunction build-TransformerFunction build-IntegratorFunction build-MigrationFunction \
	build-ArchiverFunction build-NotifierFunction build-DailyFunction

build-ValidatorFunction:
	$(call function_artifact,validator-function)

build-TransformerFunction:
	$(call function_artifact,transformer-function)

build-IntegratorFunction:
	$(call function_artifact,integrator-function)

# the integrator's jar holds the migration handler too
build-MigrationFunction:
	$(call function_artifact,integrator-function)

build-ArchiverFunction:
	$(call function_artifact,archiver-function)

build-NotifierFunction:
	$(call function_artifact,notifier-function)

build-DailyFunction:
	$(call function_artifact,daily-function)
