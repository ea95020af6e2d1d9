# The Log Atlas engine (`logatlas serve`, `logatlas replay`) for docker-compose.yaml. The model is
# mounted at /models (LOGATLAS_MODEL_DIR), not baked in.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# onnxruntime-node's install script would download CUDA binaries from GitHub; the engine runs on the CPU.
ENV ONNXRUNTIME_NODE_INSTALL_CUDA=skip
# `npm ci` builds the engine through the package's `prepare` script, so the sources come first.
COPY package.json package-lock.json tsconfig.json ./
COPY engine ./engine
COPY bin ./bin
COPY tests ./tests
COPY bench ./bench
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/bin ./bin
COPY package.json ./
ENV LOGATLAS_MODEL_DIR=/models
ENTRYPOINT ["node", "bin/logatlas.js"]
