/** Generated documents far larger than real ones, for tests of limits and budgets. */

/** A Compose file of `count` privileged services: 20,000 take seconds and hundreds of MB to analyse. */
export function composeWithServices(count: number): string {
  const lines = ['services:'];
  for (let i = 0; i < count; i++) {
    lines.push(`  s${i}:`, '    image: nginx:1.25', '    privileged: true', '    ports:', `      - "80${i % 10}:80"`);
  }
  return lines.join('\n') + '\n';
}
