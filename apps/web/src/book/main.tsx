import { render } from 'preact';
import '../common/styles.css';
import './booking.css';
import { BookApp } from './app';

render(<BookApp path={location.pathname} />, document.getElementById('app')!);
