// Waits for the engine once, then renders: `ready()` is a promise, no top-level await.
import { createRoot } from 'react-dom/client';
import { ready } from 'rolegate';
import { App } from './App.jsx';

ready().then(() => createRoot(document.getElementById('root')).render(<App />));
