export function Narrator() {
  return null;
}
