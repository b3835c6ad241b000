import { render } from 'preact';
import '../common/styles.css';
import './booking.css';
import { detectLanguage, setLanguage } from '../common/i18n';
import { BookApp } from './app';
import { startEmbedMode } from './embed-mode';

startEmbedMode();

// The page opens in its language, not in English first: its catalog is fetched before the first
// render (English, bundled, if that fails).
void setLanguage(detectLanguage())
  .catch(() => setLanguage('en'))
  .finally(() => render(<BookApp path={location.pathname} />, document.getElementById('app')!));
