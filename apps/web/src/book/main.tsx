import { render } from 'preact';
import '../common/styles.css';
import './booking.css';
import { BookApp } from './app';
import { startEmbedMode } from './embed-mode';

startEmbedMode();

render(<BookApp path={location.pathname} />, document.getElementById('app')!);
