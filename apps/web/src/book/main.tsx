import { render } from 'preact';
import '../shared/styles.css';
import './booking.css';
import { BookApp } from './app';

render(<BookApp path={location.pathname} />, document.getElementById('app')!);
