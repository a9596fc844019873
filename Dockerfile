# One image for every Intreccio service; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=development
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY shared ./shared
COPY subgraphs ./subgraphs
COPY gateway ./gateway
COPY scripts ./scripts
COPY test ./test
COPY supergraph.graphql supergraph.public.graphql ./
RUN npm ci && npm prune --omit=dev --ignore-scripts
USER node
