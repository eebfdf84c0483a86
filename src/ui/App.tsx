export function App() {
  return (
    <main className="landing">
      <header>
        <h1>Kubelab</h1>
        <p className="tagline">Learn Kubernetes in your browser: a simulated cluster, no install, works offline.</p>
      </header>
    </main>
  );
}
