# A small Node.js service with the problems docker-harden finds most often.
FROM node:20
WORKDIR /app
COPY package*.json ./
RUN curl -fsSLk https://example.com/install-tools.sh -o /tmp/install-tools.sh && sh /tmp/install-tools.sh
RUN npm ci --omit=dev
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
